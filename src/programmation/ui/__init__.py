"""The Qt desktop interface: widgets, table models and dialogs; it calls services only."""
