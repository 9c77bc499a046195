Reset your Pergola password
