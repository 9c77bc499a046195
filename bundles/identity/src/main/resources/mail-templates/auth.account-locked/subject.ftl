Your Pergola account is locked for a while
