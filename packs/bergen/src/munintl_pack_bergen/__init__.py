"""munintl data pack for Bergen. Data only: the TOML files beside this module are the pack."""
