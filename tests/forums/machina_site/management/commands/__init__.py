"""`labforum`: seed the test forum and change it while it runs."""
