"""The « Modalités » screens: AAP campaigns, AMI, the RESERVE envelope and CPOs."""
