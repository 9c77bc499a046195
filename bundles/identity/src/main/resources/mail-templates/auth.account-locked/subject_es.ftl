Tu cuenta de Pergola está bloqueada temporalmente
