${shared_by} shared a note with you: ${title}
