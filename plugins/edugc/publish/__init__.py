"""Publishing without losing anything: build beside the output folder, swap only on success."""
