"""govkg: knowledge graphs from Chinese local-governance news."""
__version__ = "0.1.0"
