"""jianghua (讲话): leaders' speeches turned into normalized, validated tables."""

__version__ = "0.5.0"
