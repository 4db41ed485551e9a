"""Instruction screens: who is working, the instruction panel, the programming by pillar."""
