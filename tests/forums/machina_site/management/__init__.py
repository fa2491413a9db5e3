"""Management commands of the test forum."""
