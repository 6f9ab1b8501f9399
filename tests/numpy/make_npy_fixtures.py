#!/usr/bin/python3
"""Writes the tiny .npy fixtures of tests/data/npy/ that the compute tests read.

Run with the Python that has numpy and torch (on the development machine: /usr/bin/python3):
    /usr/bin/python3 tests/numpy/make_npy_fixtures.py
Neither the tests nor CI need numpy or torch: they read the committed files.

1. Files written by NumPy in every dtype tconv reads (float32, float64, int32, int64), a
   big-endian file, a 1-D and a 3-D array, and two it must refuse (Fortran order, complex).
   Each holds the values of VALUES_2X3 below, which the tests know independently.
2. A float32 PyTorch case: input, weight, bias and PyTorch's float32 output of
   ConvTranspose2d(2, 3, 3, stride=2, padding=1, output_padding=1), plus the same output
   computed in float64 (exact reference), to measure how close tconv's float32 is to PyTorch's.
3. 2x2 arrays whose first value a dtype cannot hold, for the refusals: int32 16777217 (float32
   rounds it to 16777216), float64 1e300 (beyond float32's range), int64 2^53 + 1 (float64
   rounds it), and int64 2^62, which both float types hold exactly.
"""
import os

import numpy as np
import torch

out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "data", "npy")
os.makedirs(out, exist_ok=True)


def save(name, array):
    np.save(os.path.join(out, name), array, allow_pickle=False)


VALUES_2X3 = [[1.5, -2.0, 3.0], [0.25, 4.0, -6.0]]
INTS_2X3 = [[1, -2, 3], [0, 4, -6]]
save("f32_2x3.npy", np.array(VALUES_2X3, dtype="<f4"))
save("f64_2x3.npy", np.array(VALUES_2X3, dtype="<f8"))
save("f64be_2x3.npy", np.array(VALUES_2X3, dtype=">f8"))
save("i32_2x3.npy", np.array(INTS_2X3, dtype="<i4"))
save("i64_2x3.npy", np.array(INTS_2X3, dtype="<i8"))
save("f32_vector.npy", np.array([1.0, 2.0, 3.0], dtype="<f4"))
save("f64_1x2x2x2.npy", np.arange(1, 9, dtype="<f8").reshape(1, 2, 2, 2))
save("f64_fortran_2x3.npy", np.asfortranarray(np.array(VALUES_2X3, dtype="<f8")))
save("c64_2x3.npy", np.array(VALUES_2X3, dtype="<c8"))

save("i32_inexact_f32.npy", np.array([[2**24 + 1, 1], [1, 1]], dtype="<i4"))
save("f64_beyond_f32.npy", np.array([[1e300, 1], [1, 1]], dtype="<f8"))
save("i64_inexact_f64.npy", np.array([[2**53 + 1, 1], [1, 1]], dtype="<i8"))
save("i64_2pow62.npy", np.array([[2**62, 1], [1, 1]], dtype="<i8"))
assert np.float32(2**24 + 1) == 2**24 and float(np.int64(2**53 + 1)) == 2**53

rng = np.random.default_rng(20261125)
x = rng.standard_normal((1, 2, 4, 4)).astype(np.float32)
w = rng.standard_normal((2, 3, 3, 3)).astype(np.float32)
b = rng.standard_normal((3,)).astype(np.float32)
layer = dict(stride=2, padding=1, output_padding=1)
y32 = torch.nn.functional.conv_transpose2d(torch.from_numpy(x), torch.from_numpy(w), torch.from_numpy(b), **layer)
y64 = torch.nn.functional.conv_transpose2d(torch.from_numpy(x).double(), torch.from_numpy(w).double(),
                                           torch.from_numpy(b).double(), **layer)
save("torch_x.npy", x)
save("torch_w.npy", w)
save("torch_b.npy", b)
save("torch_y_f32.npy", y32.numpy())
save("torch_y_f64.npy", y64.numpy())
