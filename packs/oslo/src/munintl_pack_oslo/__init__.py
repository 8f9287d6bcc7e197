"""munintl data pack for Oslo. Data only: the TOML files beside this module are the pack."""
