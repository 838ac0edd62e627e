#!/bin/sh
echo hello from the base
