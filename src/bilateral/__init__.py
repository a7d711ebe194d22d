"""bilateral: news about international relations -> an evidence-linked database of interstate events."""
__version__ = "0.1.0"
