Welcome to Pergola, ${name}
