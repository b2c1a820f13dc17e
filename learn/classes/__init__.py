"""Classes: teachers create them and share a join code; students join with the code."""
