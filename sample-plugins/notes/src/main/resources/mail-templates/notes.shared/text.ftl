${shared_by} shared this note with you.

${title}
${"="?left_pad(title?length, "=")}

${body}
