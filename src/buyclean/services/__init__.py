"""Use cases over the core and the store, for the pages, the API, the CLI and the jobs alike: accounts,
submissions and reviews, certificates, batches. No Flask here: callers pass a database session and plain values.
"""
