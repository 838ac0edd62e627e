from setuptools import setup

setup(name="ocdemo", version="2.0", packages=["ocdemo"])
