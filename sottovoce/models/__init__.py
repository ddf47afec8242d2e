"""Engines behind small interfaces (language model now; speech later). Imports nothing above."""
