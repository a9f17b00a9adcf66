"""Writes src/test/fixtures/lzf.h5: a tiny dense X/Y file whose X uses the LZF filter (h5py's default fast
compressor), which the wasm HDF5 build cannot decode. The reader must refuse it with a message saying so.

Run: /usr/bin/python3 libs/io/scripts/make_lzf_fixture.py
"""
import pathlib

import h5py
import numpy as np

out = pathlib.Path(__file__).resolve().parents[1] / "src" / "test" / "fixtures" / "lzf.h5"
x = np.array([[0, 1, 0, 3], [2, 0, 0, 0], [0, 5, 1, 0]], dtype=np.float32)
with h5py.File(out, "w") as f:
    f.create_dataset("X", data=x, compression="lzf", chunks=(3, 4))
    f.create_dataset("Y", data=np.array([1, 2, 1], dtype=np.int32))
print(out)
