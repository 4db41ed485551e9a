"""Writing what leaves the tool: spreadsheets in the layouts partners use."""
