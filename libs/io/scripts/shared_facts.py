"""Independent facts about the shared datasets, computed with h5py/numpy/pandas (not with libs/io).

Run: /usr/bin/python3 libs/io/scripts/shared_facts.py
The numbers it prints are the expected values in libs/io/src/test/shared-files.test.ts and readers.test.ts.
"""
import gzip
import json
import pathlib
import zipfile

import h5py
import numpy as np
import pandas as pd

shared = pathlib.Path(__file__).resolve().parents[3].parent / "shared"
facts = {}
for path in sorted((shared / "datasets").glob("*/*.h5")):
    with h5py.File(path, "r") as f:
        x = f["X"][:]
        y = f["Y"][:]
    facts[str(path.relative_to(shared))] = {
        "cells": int(x.shape[0]),
        "genes": int(x.shape[1]),
        "nnz": int(np.count_nonzero(x)),
        "total": int(x.astype(np.float64).sum()),
        "classes": int(len(np.unique(y))),
        "first_labels": [str(int(v)) for v in y[:5]],
    }
zip_path = next((shared / "datasets" / "Baron_mouse1").glob("*.zip"))
with zipfile.ZipFile(zip_path) as archive:
    table = pd.read_csv(archive.open(archive.namelist()[0]), index_col=0)
counts = table.drop(columns=["barcode", "assigned_cluster"]).to_numpy()
facts[str(zip_path.relative_to(shared))] = {
    "cells": int(counts.shape[0]),
    "genes": int(counts.shape[1]),
    "nnz": int(np.count_nonzero(counts)),
    "total": int(counts.sum()),
    "classes": int(table["assigned_cluster"].nunique()),
    "first_labels": list(table["assigned_cluster"][:5]),
}
with h5py.File(shared / "formats" / "Baron_mouse1.csr.h5ad", "r") as f:
    categories = [c.decode() for c in f["obs/cell_type/categories"][:]]
    codes = f["obs/cell_type/codes"][:]
    facts["formats/Baron_mouse1.csr.h5ad"] = {"first_labels": [categories[c] for c in codes[:5]]}
print(json.dumps(facts, indent=1))
