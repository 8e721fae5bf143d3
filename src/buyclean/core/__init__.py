"""The core: bytes -> ``read_epd`` -> ``Epd`` -> ``assess`` -> ``Assessment`` -> certificate, as plain functions
over plain values. It imports nothing of Flask, the database, the job queue or the layers above it.
"""
