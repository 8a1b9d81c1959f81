"""amounts stage."""
