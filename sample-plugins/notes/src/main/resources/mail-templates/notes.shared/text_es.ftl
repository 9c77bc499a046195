${shared_by} ha compartido esta nota contigo.

${title}
${"="?left_pad(title?length, "=")}

${body}
