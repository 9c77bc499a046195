Restablece tu contraseña de Pergola
