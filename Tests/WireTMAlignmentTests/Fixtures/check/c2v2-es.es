Iberoja Airlines, S.A. transportó 2,9 millones de pasajeros en enero, un 6,4 % más que hace un año.
El factor de ocupación subió 1,2 puntos, hasta el 81,5 %.
El tráfico con América Latina fue el que más creció, p. ej. en las rutas a Bogotá y Lima.
El texto original en inglés es la única versión oficial.
La aerolínea recibirá cuatro nuevos aviones Airbus A321neo antes de junio.
La puntualidad, sin embargo, siguió por debajo del objetivo…
