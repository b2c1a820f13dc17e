"""Flask CLI command groups that are not tied to one web feature (e.g. ``flask nlp``)."""

from learn.cli.nlp import nlp_cli, nlp_data_dir

__all__ = ["nlp_cli", "nlp_data_dir"]
