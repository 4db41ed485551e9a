"""Pure rules of the contrat de ville programming: no Qt, no database session."""
