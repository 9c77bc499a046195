Te damos la bienvenida a Pergola, ${name}
