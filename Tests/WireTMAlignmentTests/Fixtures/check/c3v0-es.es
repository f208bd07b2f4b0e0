Hanbit Soft Co., Ltd. (KRX: 041920) adquirirá el estudio finlandés de videojuegos Revontuli Oy por 85 millones de euros.
Revontuli, con sede en Oulu, cuenta con 140 desarrolladores.
Su título para móviles «Northern Lights» se ha descargado más de 30 millones de veces; Se trata de la primera adquisición de Hanbit en Europa.
Las acciones de Hanbit subieron un 5,7 %, hasta 23.450 wones, en Seúl.
