"""Flask CLI command groups that are not tied to one web feature (e.g. ``flask nlp``).

`nlp_cli` gathers the analysis commands (analyze, entities, eval) and the lesson commands
(vocab, questions), which live in separate modules because they sit on different layers.
"""

from learn.cli.lessons import questions_command, vocab_command
from learn.cli.nlp import nlp_cli, nlp_data_dir

nlp_cli.add_command(vocab_command)
nlp_cli.add_command(questions_command)

__all__ = ["nlp_cli", "nlp_data_dir"]
