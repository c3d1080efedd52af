"""Writers: turn a Report or a Document into text for people or JSON for programs."""
