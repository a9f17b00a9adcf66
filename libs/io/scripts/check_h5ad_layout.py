"""Checks that an .h5ad written by libs/io has the layout anndata 0.8 writes, and reads it the way anndata does.

anndata is not installed here, so this compares with a reference file written by anndata itself
(../shared/formats/Baron_mouse1.csr.h5ad) using h5py, then decodes X, obs and obsm with scipy/pandas following
anndata's encoding rules. Prints one JSON object: {"differences": [...], "read": {...}}.

Run: /usr/bin/python3 libs/io/scripts/check_h5ad_layout.py OURS.h5ad REFERENCE.h5ad
"""
import json
import sys

import h5py
import numpy as np
import pandas as pd
import scipy.sparse as sp

ENCODING = ("encoding-type", "encoding-version")


def text(value):
    return value.decode() if isinstance(value, bytes) else value


def layout(f):
    out = {}

    def visit(name, obj):
        attrs = {k: text(obj.attrs[k]) for k in ENCODING if k in obj.attrs}
        kind = "dataset" if isinstance(obj, h5py.Dataset) else "group"
        out[name] = {"kind": kind, **attrs}

    f.visititems(visit)
    out["/"] = {k: text(f.attrs[k]) for k in ENCODING}
    return out


def read_dataframe(group):
    index = group[group.attrs["_index"]].asstr()[:]
    order = group.attrs["column-order"]
    columns = {}
    for name in [text(n) for n in order]:
        column = group[name]
        if text(column.attrs["encoding-type"]) == "categorical":
            categories = column["categories"].asstr()[:]
            columns[name] = pd.Categorical.from_codes(
                column["codes"][:], categories, ordered=bool(column.attrs["ordered"])
            )
        else:
            columns[name] = column[:]
    return pd.DataFrame(columns, index=index)


ours_path, reference_path = sys.argv[1], sys.argv[2]
with h5py.File(ours_path, "r") as ours, h5py.File(reference_path, "r") as reference:
    ours_layout, reference_layout = layout(ours), layout(reference)
    differences = []
    for path, expected in reference_layout.items():
        # Compare the structure anndata relies on; obs columns differ by content, not by kind.
        generic = path.replace("barcode", "*").replace("cell_type", "*")
        matches = [p for p, v in ours_layout.items() if p.replace("barcode", "*").replace("cell_type", "*") == generic]
        if not matches:
            differences.append(f"missing {path}")
        elif ours_layout[matches[0]] != expected:
            differences.append(f"{path}: ours {ours_layout[matches[0]]} vs anndata {expected}")
    for name in ("obs", "var"):
        for key in ("_index", "column-order"):
            if key not in ours[name].attrs:
                differences.append(f"{name} lacks attribute {key}")
    if list(ours["X"].attrs["shape"]) != [ours["obs/_index"].shape[0], ours["var/_index"].shape[0]]:
        differences.append("X shape attribute disagrees with obs/var")
    x = ours["X"]
    matrix = sp.csr_matrix((x["data"][:], x["indices"][:], x["indptr"][:]), shape=tuple(x.attrs["shape"]))
    obs = read_dataframe(ours["obs"])
    var = read_dataframe(ours["var"])
    read = {
        "shape": list(matrix.shape),
        "nnz": int(matrix.nnz),
        "total": float(matrix.sum()),
        "x_dtype": str(matrix.dtype),
        "obs_columns": list(obs.columns),
        "obs_categories": {c: len(obs[c].cat.categories) for c in obs.columns},
        "first_cells": list(obs.index[:3]),
        "first_genes": list(var.index[:3]),
        "obsm": {k: list(ours["obsm"][k].shape) for k in ours["obsm"].keys()},
        "scsamac_cluster_first": [str(v) for v in obs["scsamac_cluster"][:5]] if "scsamac_cluster" in obs else [],
    }
print(json.dumps({"differences": differences, "read": read}))
