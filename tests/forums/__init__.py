"""Real forum software that the test suite runs on 127.0.0.1."""
