"""Writes one transposed-convolution layer as an ONNX model, for ONNX Runtime in the benchmarks.

    onnx_layer.py N CIN COUT K S P SPATIAL... --out FILE [--dtype float32|float64]

The model is a single ConvTranspose node (opset 17) whose weights, uniform in [-1, 1] with a
fixed seed, are an initializer (as an exported network stores them), with a fixed input
shape (N, CIN, SPATIAL...). Needs the onnx and numpy modules (Debian python3-onnx).
"""
import argparse

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("sizes", type=int, nargs="+", help="N CIN COUT K S P SPATIAL...")
    parser.add_argument("--out", required=True)
    parser.add_argument("--dtype", default="float32", choices=["float32", "float64"])
    args = parser.parse_args()
    n, cin, cout, k, s, p, *spatial = args.sizes
    rank = len(spatial)
    dtype = np.float32 if args.dtype == "float32" else np.float64
    element = TensorProto.FLOAT if args.dtype == "float32" else TensorProto.DOUBLE
    weight = np.random.default_rng(1).uniform(-1, 1, (cin, cout, *([k] * rank))).astype(dtype)
    out_spatial = [(size - 1) * s - 2 * p + k for size in spatial]
    node = helper.make_node("ConvTranspose", ["x", "w"], ["y"], kernel_shape=[k] * rank, strides=[s] * rank,
                            pads=[p] * (2 * rank))
    graph = helper.make_graph([node], "conv_transpose",
                              [helper.make_tensor_value_info("x", element, [n, cin, *spatial])],
                              [helper.make_tensor_value_info("y", element, [n, cout, *out_spatial])],
                              [numpy_helper.from_array(weight, "w")])
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)])
    model.ir_version = 8  # readable by every ONNX Runtime since 1.10
    onnx.checker.check_model(model)
    onnx.save(model, args.out)


if __name__ == "__main__":
    main()
