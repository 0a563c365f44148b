"""Exemplary models, nominations and awards (plan II.2 and IV)."""
