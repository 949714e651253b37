#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# The empty scenario of `run --shell` without a scenario.
:
