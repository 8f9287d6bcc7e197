"""munintl data pack for Hamar. Data only: the TOML files beside this module are the pack."""
