#!/usr/bin/python3
"""Writes the small ONNX models under tests/data/onnx/ that the src/onnx tests read.

Run with Debian's Python (python3-torch, python3-onnx): /usr/bin/python3 tests/onnx/make_models.py
The tests need only the .onnx files. Every model is small (weights included) and passes
onnx.checker.

  decoder.onnx           a small DCGAN-style decoder exported by torch.onnx.export, batch size
                         symbolic ("batch"): ConvTranspose2d(8, 4, 4, stride 2, padding 1),
                         ReLU, ConvTranspose2d(4, 1, 3, stride 2, padding 1, output_padding 1)
  auto_pad.onnx          ConvTranspose with auto_pad SAME_UPPER, kernel 2 < stride 3 (ONNX
                         Runtime's corner 2) on a 1x2x3x3 input
  asymmetric_pads.onnx   pads [0, 1, 2, 1] (begins, ends), strides 2, kernel 3; then a second
                         ConvTranspose with output_shape below the full size (corner 1)
  symbolic.onnx          input "image" of shape [N, 3, H, W]: shapes only with --input-shape
  no_conv_transpose.onnx a Conv and a Relu, no ConvTranspose
  truncated.onnx         the first 1000 bytes of decoder.onnx: a model cut inside its weights
"""
import io
import os

import numpy as np
import onnx
import torch
from onnx import TensorProto, helper, numpy_helper

here = os.path.dirname(os.path.abspath(__file__))
out_dir = os.path.join(here, "..", "data", "onnx")
os.makedirs(out_dir, exist_ok=True)
rng = np.random.default_rng(20261209)


def save(model, name):
    onnx.checker.check_model(model)
    path = os.path.join(out_dir, name)
    onnx.save(model, path)
    print(f"{name}: {os.path.getsize(path)} bytes")


def weight(name, shape):
    return numpy_helper.from_array(rng.integers(-3, 4, size=shape).astype(np.float32), name)


def graph_model(nodes, inputs, outputs, initializers):
    graph = helper.make_graph(nodes, "tconv_test", inputs, outputs, initializers)
    return helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)], producer_name="tconv tests")


# 1. The PyTorch decoder.
torch.manual_seed(0)
decoder = torch.nn.Sequential(
    torch.nn.ConvTranspose2d(8, 4, 4, stride=2, padding=1),
    torch.nn.ReLU(),
    torch.nn.ConvTranspose2d(4, 1, 3, stride=2, padding=1, output_padding=1),
).eval()
buffer = io.BytesIO()
torch.onnx.export(decoder, torch.zeros(1, 8, 7, 7), buffer, input_names=["z"], output_names=["image"],
                  dynamic_axes={"z": {0: "batch"}, "image": {0: "batch"}}, opset_version=13)
save(onnx.load_from_string(buffer.getvalue()), "decoder.onnx")

# 2. auto_pad SAME_UPPER with the kernel smaller than the stride.
save(graph_model(
    [helper.make_node("ConvTranspose", ["x", "w"], ["y"], name="same_upper_k2_s3", auto_pad="SAME_UPPER",
                      strides=[3, 3])],
    [helper.make_tensor_value_info("x", TensorProto.FLOAT, [1, 2, 3, 3])],
    [helper.make_tensor_value_info("y", TensorProto.FLOAT, ["n", "c", "h", "w"])],
    [weight("w", [2, 1, 2, 2])]), "auto_pad.onnx")

# 3. Asymmetric pads, then output_shape below the full size with auto_pad NOTSET.
save(graph_model(
    [helper.make_node("ConvTranspose", ["x", "w1"], ["h"], name="asymmetric", pads=[0, 1, 2, 1], strides=[2, 2],
                      kernel_shape=[3, 3]),
     helper.make_node("ConvTranspose", ["h", "w2"], ["y"], name="output_shape_below_full", strides=[2, 2],
                      output_shape=[8, 12])],
    [helper.make_tensor_value_info("x", TensorProto.FLOAT, [1, 1, 3, 4])],
    [helper.make_tensor_value_info("y", TensorProto.FLOAT, ["n", "c", "h", "w"])],
    [weight("w1", [1, 2, 3, 3]), weight("w2", [2, 1, 3, 3])]), "asymmetric_pads.onnx")

# 4. Symbolic spatial sizes.
save(graph_model(
    [helper.make_node("ConvTranspose", ["image", "w"], ["y"], name="up", strides=[2, 2], pads=[1, 1, 1, 1],
                      output_padding=[1, 1])],
    [helper.make_tensor_value_info("image", TensorProto.FLOAT, ["N", 3, "H", "W"])],
    [helper.make_tensor_value_info("y", TensorProto.FLOAT, ["n", "c", "h", "w"])],
    [weight("w", [3, 2, 3, 3])]), "symbolic.onnx")

# 5. No ConvTranspose.
save(graph_model(
    [helper.make_node("Conv", ["x", "w"], ["c"], name="conv", kernel_shape=[3, 3]),
     helper.make_node("Relu", ["c"], ["y"], name="relu")],
    [helper.make_tensor_value_info("x", TensorProto.FLOAT, [1, 1, 5, 5])],
    [helper.make_tensor_value_info("y", TensorProto.FLOAT, ["n", "c", "h", "w"])],
    [weight("w", [1, 1, 3, 3])]), "no_conv_transpose.onnx")

# 6. A truncated file (not checked: it is not a model).
with open(os.path.join(out_dir, "decoder.onnx"), "rb") as whole:
    cut = whole.read()[:1000]
with open(os.path.join(out_dir, "truncated.onnx"), "wb") as part:
    part.write(cut)
print(f"truncated.onnx: {len(cut)} bytes")
