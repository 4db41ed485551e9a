"""The dossier editor: typing a CERFA 12156 demand in full, undoable, saved in one go."""
