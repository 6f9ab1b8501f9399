#!/usr/bin/python3
"""Builds one ONNX model per ConvTranspose case for make_fixtures.mjs (Debian's python3-onnx).

Reads a JSON list of cases on stdin: {"name", "input_shape", "weight_shape", "bias": bool,
"attributes": {...}} and writes a JSON object {name: base64 model bytes} to stdout. Inputs X,
W (and B) are graph inputs, so ONNX Runtime computes with the values make_fixtures.mjs passes.
Every model passes onnx.checker; attributes are written exactly as given (nothing defaulted).
"""
import base64
import json
import sys

import onnx
from onnx import TensorProto, helper

OPSET = 17  # ConvTranspose is unchanged since opset 11; 17 is what python3-onnx 1.12 writes


def build(case):
    inputs = ["X", "W"] + (["B"] if case["bias"] else [])
    node = helper.make_node("ConvTranspose", inputs, ["Y"], name=case["name"], **case["attributes"])
    rank = len(case["input_shape"])
    value_infos = [helper.make_tensor_value_info("X", TensorProto.FLOAT, case["input_shape"]),
                   helper.make_tensor_value_info("W", TensorProto.FLOAT, case["weight_shape"])]
    if case["bias"]:
        value_infos.append(helper.make_tensor_value_info("B", TensorProto.FLOAT, [case["weight_shape"][1] *
                                                                                   case["attributes"].get("group", 1)]))
    output = helper.make_tensor_value_info("Y", TensorProto.FLOAT, [f"y{i}" for i in range(rank)])
    graph = helper.make_graph([node], case["name"], value_infos, [output])
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", OPSET)], producer_name="tconv")
    onnx.checker.check_model(model)
    return model.SerializeToString()


cases = json.load(sys.stdin)
json.dump({c["name"]: base64.b64encode(build(c)).decode("ascii") for c in cases}, sys.stdout)
