#!/usr/bin/python3
"""Writes tests/data/pytorch_fixtures.json: ConvTranspose{1,2,3}d results computed by PyTorch.

Run with the Python that has torch (on the development machine: /usr/bin/python3):
    /usr/bin/python3 tests/pytorch/make_fixtures.py
The tests only read the JSON; neither they nor CI need torch.

"shapes" holds output sizes only: random 1-D/2-D/3-D parameters, with and without
forward(x, output_size), and whether PyTorch refuses them (result null).

Every case stores the layer as tconv's LayerSpec sees it (PyTorch or ONNX padding convention),
the input, weight and optional bias (exact float32 values), and the expected output computed in
float64. Inputs are small integers or random float32 values.

PyTorch has no ONNX padding model, so the ONNX cases (explicit asymmetric pads, auto_pad SAME,
output_shape) are computed independently of tconv's resolver: PyTorch produces the *uncropped*
output (padding 0, output_padding 0), and this script crops it at the beginning and crops or
zero-extends it at the end by hand, with the pads ONNX Runtime 1.30 uses (onnx_pads below;
tests/onnxruntime/make_fixtures.mjs records ONNX Runtime's own outputs, which follow these
rules on every case it runs).
"""
import json
import os

import numpy as np
import torch

rng = np.random.default_rng(20261125)
cases = []


def values(shape, kind):
    if kind == "int":
        return rng.integers(-3, 5, size=shape).astype(np.float32)
    return rng.standard_normal(size=shape).astype(np.float32)


def as_list(t):
    return [float(v) for v in np.asarray(t, dtype=np.float64).reshape(-1)]


def per_dim(value, dims):
    return list(value) if isinstance(value, (list, tuple)) else [value] * dims


def torch_conv(dims, x, w, b, stride, padding, output_padding, dilation, groups, output_size=None):
    cls = {1: torch.nn.ConvTranspose1d, 2: torch.nn.ConvTranspose2d, 3: torch.nn.ConvTranspose3d}[dims]
    cin = w.shape[0]
    cout = w.shape[1] * groups
    layer = cls(cin, cout, tuple(w.shape[2:]), stride=stride, padding=padding, output_padding=output_padding,
                dilation=dilation, groups=groups, bias=b is not None).double()
    with torch.no_grad():
        layer.weight.copy_(torch.from_numpy(w.astype(np.float64)))
        if b is not None:
            layer.bias.copy_(torch.from_numpy(b.astype(np.float64)))
        xt = torch.from_numpy(x.astype(np.float64))
        if output_size is not None:
            return layer(xt, output_size=list(output_size)).numpy()
        return layer(xt).numpy()


def add_pytorch(name, dims, in_shape, cout_per_group, kernel, stride=1, padding=0, output_padding=0, dilation=1,
                groups=1, bias=False, kind="int", output_size=None, unbatched=False):
    kernel = per_dim(kernel, dims)
    x = values(in_shape, kind)
    cin = in_shape[0] if unbatched else in_shape[1]
    w = values([cin, cout_per_group] + kernel, kind)
    b = values([cout_per_group * groups], kind) if bias else None
    y = torch_conv(dims, x, w, b, per_dim(stride, dims), per_dim(padding, dims), per_dim(output_padding, dims),
                   per_dim(dilation, dims), groups, output_size)
    case = {
        "name": name, "convention": "pytorch", "dims": dims, "unbatched": unbatched,
        "input_shape": list(in_shape), "input": as_list(x),
        "weight_shape": list(w.shape), "weight": as_list(w),
        "bias": as_list(b) if b is not None else None,
        "kernel_size": kernel, "stride": per_dim(stride, dims), "dilation": per_dim(dilation, dims),
        "groups": groups,
    }
    case["padding"] = per_dim(padding, dims)
    if output_size is not None:
        case["output_size"] = list(output_size)
    else:
        case["output_padding"] = per_dim(output_padding, dims)
    case["expected_shape"] = list(y.shape)
    case["expected"] = as_list(y)
    cases.append(case)


def onnx_pads(auto_pad, in_spatial, kernel, stride, dilation, output_padding, pads, output_shape):
    """Begin pads and output size per axis, as ONNX Runtime 1.30 computes them.

    With output_shape (pads ignored): total = full - output_shape; the begin is total // 2 for
    SAME_UPPER and total - total // 2 otherwise, nothing when total < 0 (zeros at the end).
    SAME without output_shape: total = max(0, full - in*stride), split the same way.
    """
    dims = len(in_spatial)
    full = [stride[i] * (in_spatial[i] - 1) + output_padding[i] + (kernel[i] - 1) * dilation[i] + 1
            for i in range(dims)]
    split = (lambda t: t // 2) if auto_pad == "SAME_UPPER" else (lambda t: t - t // 2)
    if output_shape:
        return [split(full[i] - output_shape[i]) if full[i] >= output_shape[i] else 0 for i in range(dims)], \
            list(output_shape)
    if auto_pad in ("SAME_UPPER", "SAME_LOWER"):
        total = [max(0, full[i] - in_spatial[i] * stride[i]) for i in range(dims)]
        return [split(t) for t in total], [full[i] - total[i] for i in range(dims)]
    pads = pads or [0] * (2 * dims)
    return pads[:dims], [full[i] - pads[i] - pads[i + dims] for i in range(dims)]


def add_onnx(name, dims, in_shape, cout_per_group, kernel, stride=1, dilation=1, output_padding=0, groups=1,
             pads=None, auto_pad=None, output_shape=None, bias=False, kind="int", x=None, w=None):
    kernel = per_dim(kernel, dims)
    stride, dilation, output_padding = per_dim(stride, dims), per_dim(dilation, dims), per_dim(output_padding, dims)
    x = values(in_shape, kind) if x is None else x
    w = values([in_shape[1], cout_per_group] + kernel, kind) if w is None else w
    b = values([cout_per_group * groups], kind) if bias else None
    # Uncropped: padding 0, and output_padding only extends the end with zeros (no padding to uncover).
    uncropped = torch_conv(dims, x, w, None, stride, [0] * dims, [0] * dims, dilation, groups)
    begin, out_spatial = onnx_pads(auto_pad, list(in_shape[2:]), kernel, stride, dilation, output_padding, pads,
                                   output_shape)
    y = np.zeros(list(uncropped.shape[:2]) + out_spatial)
    for out_index in np.ndindex(*out_spatial):
        src = tuple(out_index[i] + begin[i] for i in range(dims))
        if all(0 <= src[i] < uncropped.shape[2 + i] for i in range(dims)):
            y[(slice(None), slice(None)) + out_index] = uncropped[(slice(None), slice(None)) + src]
    if b is not None:
        y += b.astype(np.float64).reshape([1, -1] + [1] * dims)
    case = {
        "name": name, "convention": "onnx", "dims": dims, "unbatched": False,
        "input_shape": list(in_shape), "input": as_list(x),
        "weight_shape": list(w.shape), "weight": as_list(w),
        "bias": as_list(b) if b is not None else None,
        "kernel_size": kernel, "stride": stride, "dilation": dilation, "groups": groups,
        "output_padding": output_padding,
    }
    if pads is not None:
        case["pads"] = pads
    if auto_pad is not None:
        case["auto_pad"] = auto_pad
    if output_shape is not None:
        case["output_shape"] = output_shape
    case["expected_shape"] = list(y.shape)
    case["expected"] = as_list(y)
    cases.append(case)


for kind in ("int", "float"):
    # 1-D
    add_pytorch(f"1d_basic_{kind}", 1, [1, 1, 5], 1, 3, kind=kind)
    add_pytorch(f"1d_stride_pad_{kind}", 1, [2, 2, 6], 3, 4, stride=3, padding=2, output_padding=1, kind=kind)
    add_pytorch(f"1d_dilation_{kind}", 1, [1, 2, 4], 2, 3, stride=2, dilation=3, output_padding=2, bias=True,
                kind=kind)
    # 2-D
    add_pytorch(f"2d_stride2_{kind}", 2, [1, 1, 3, 3], 1, 3, stride=2, kind=kind)
    add_pytorch(f"2d_pad_outpad_{kind}", 2, [1, 2, 3, 4], 2, 3, stride=2, padding=1, output_padding=1, kind=kind)
    add_pytorch(f"2d_nonsquare_perdim_{kind}", 2, [1, 2, 3, 2], 2, [2, 3], stride=[2, 1], padding=[0, 1],
                output_padding=[1, 0], dilation=[1, 2], kind=kind)
    add_pytorch(f"2d_groups_bias_{kind}", 2, [2, 4, 3, 3], 3, 2, stride=2, groups=2, bias=True, kind=kind)
    add_pytorch(f"2d_depthwise_{kind}", 2, [1, 3, 3, 3], 1, 3, stride=2, padding=1, groups=3, kind=kind)
    add_pytorch(f"2d_depthwise_multiplier_{kind}", 2, [1, 2, 2, 3], 2, 2, stride=3, groups=2, bias=True,
                kind=kind)
    add_pytorch(f"2d_batch3_{kind}", 2, [3, 2, 2, 2], 2, 3, stride=2, padding=2, kind=kind)
    add_pytorch(f"2d_unbatched_{kind}", 2, [2, 3, 2], 1, 2, stride=2, padding=1, unbatched=True, kind=kind)
    add_pytorch(f"2d_dilation_outpad_{kind}", 2, [1, 1, 3, 3], 1, 2, stride=1, dilation=3, output_padding=2,
                kind=kind)
    add_pytorch(f"2d_output_size_{kind}", 2, [1, 2, 3, 3], 1, 3, stride=3, padding=1, output_size=[8, 9],
                kind=kind)
    add_pytorch(f"2d_large_padding_{kind}", 2, [1, 1, 4, 4], 1, 5, stride=1, padding=3, bias=True, kind=kind)
    # 3-D
    add_pytorch(f"3d_basic_{kind}", 3, [1, 1, 2, 2, 2], 1, 2, stride=2, kind=kind)
    add_pytorch(f"3d_perdim_{kind}", 3, [1, 2, 2, 3, 2], 2, [2, 1, 3], stride=[1, 2, 2], padding=[0, 1, 1],
                output_padding=[0, 1, 1], dilation=[2, 1, 1], groups=2, bias=True, kind=kind)
    add_pytorch(f"3d_output_size_{kind}", 3, [2, 1, 2, 2, 2], 2, 3, stride=2, padding=1, output_size=[4, 3, 4],
                kind=kind)
    # ONNX padding model
    add_onnx(f"onnx_pads_asymmetric_{kind}", 2, [1, 2, 3, 3], 2, 3, stride=2, pads=[0, 1, 2, 1], kind=kind)
    add_onnx(f"onnx_same_upper_{kind}", 2, [1, 1, 3, 4], 1, 4, stride=2, auto_pad="SAME_UPPER", kind=kind)
    add_onnx(f"onnx_same_lower_{kind}", 2, [1, 1, 3, 4], 2, 3, stride=2, auto_pad="SAME_LOWER", kind=kind)
    add_onnx(f"onnx_same_upper_output_shape_{kind}", 1, [1, 1, 4], 1, 3, stride=2, auto_pad="SAME_UPPER",
             output_shape=[10], kind=kind)
    add_onnx(f"onnx_output_shape_extends_{kind}", 2, [1, 1, 2, 2], 1, 3, stride=2, pads=[1, 0, 0, 0],
             output_shape=[6, 5], kind=kind)
    add_onnx(f"onnx_output_shape_crops_{kind}", 1, [1, 2, 4], 1, 3, stride=2, output_shape=[7], bias=True,
             kind=kind)
    add_onnx(f"onnx_valid_{kind}", 1, [1, 1, 3], 1, 2, stride=3, auto_pad="VALID", kind=kind)

# ONNX's backend test test_convtranspose_pads: x = 0..8 (3x3), W ones (1,2,3,3), strides 3,2,
# pads 1,2,1,2 -> y of shape 1x2x7x3.
add_onnx("onnx_backend_convtranspose_pads", 2, [1, 1, 3, 3], 2, 3, stride=[3, 2], pads=[1, 2, 1, 2],
         x=np.arange(9, dtype=np.float32).reshape(1, 1, 3, 3), w=np.ones((1, 2, 3, 3), dtype=np.float32))


def shape_cases(count):
    """Output sizes (or refusals) PyTorch gives for random parameters, with and without output_size."""
    result = []
    while len(result) < count:
        dims = int(rng.integers(1, 4))
        m = [int(v) for v in rng.integers(1, 6, size=dims)]
        k = [int(v) for v in rng.integers(1, 5, size=dims)]
        st = [int(v) for v in rng.integers(1, 4, size=dims)]
        d = [int(v) for v in rng.integers(1, 4, size=dims)]
        p = [int(v) for v in rng.integers(0, 4, size=dims)]
        use_output_size = rng.random() < 0.4
        # Mostly valid output_padding (< max(stride, dilation)), sometimes one too large.
        op = [0] * dims if use_output_size else [int(rng.integers(0, max(st[i], d[i]) + 1)) for i in range(dims)]
        cls = {1: torch.nn.ConvTranspose1d, 2: torch.nn.ConvTranspose2d, 3: torch.nn.ConvTranspose3d}[dims]
        case = {"input": m, "kernel_size": k, "stride": st, "dilation": d, "padding": p, "output_padding": op}
        x = torch.zeros([1, 1] + m)
        try:
            layer = cls(1, 1, k, stride=st, padding=p, output_padding=op, dilation=d, bias=False)
            if use_output_size:
                # Around PyTorch's reachable range [minimum, minimum + stride - 1], one beyond each end.
                minimum = [(m[i] - 1) * st[i] - 2 * p[i] + d[i] * (k[i] - 1) + 1 for i in range(dims)]
                wanted = [minimum[i] + int(rng.integers(-1, st[i] + 1)) for i in range(dims)]
                case["output_size"] = wanted
                y = layer(x, output_size=wanted)
            else:
                y = layer(x)
            case["result"] = list(y.shape[2:])
        except (RuntimeError, ValueError):
            case["result"] = None  # PyTorch refuses these parameters
        result.append(case)
    return result


out = {
    "generator": "tests/pytorch/make_fixtures.py",
    "torch_version": torch.__version__,
    "cases": cases,
    "shapes": shape_cases(600),
}
path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "data", "pytorch_fixtures.json")
with open(path, "w") as f:
    json.dump(out, f, separators=(",", ":"))
    f.write("\n")
print(f"{len(cases)} cases, {len(out['shapes'])} shapes, {os.path.getsize(path)} bytes -> tests/data/pytorch_fixtures.json")
