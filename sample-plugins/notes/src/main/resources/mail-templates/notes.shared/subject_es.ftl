${shared_by} ha compartido una nota contigo: ${title}
