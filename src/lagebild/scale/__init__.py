"""Scale-out: a corpus analysed on a Dask cluster into a Parquet dataset, queried where it lies.

Modules: partitions (inputs cut into tasks), tasks (one partition analysed and written: the
engine-free task), dataset (layout, atomic writes, manifests), finalise (orphans, duplicates
across partitions, near-duplicates), views (the store's tables as DuckDB views over the files),
load (dataset -> DuckDB store), cluster (the Dask driver; the only module that imports Dask).
"""
