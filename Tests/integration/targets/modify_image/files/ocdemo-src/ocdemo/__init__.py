"""A stand-in for an OpenStack python project (developer checkout)."""
VERSION = "2.0-dev"


def greet():
    return "hello from the dev tree"
