"""Benchmarks (each script prints its figures) and the data generators they and the tests share."""
