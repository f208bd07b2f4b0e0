Maple Grid Energy Corp. (TSX: MGE) acordó adquirir SolRiver Ltd. por 1.200 millones de dólares canadienses en efectivo.
SolRiver opera 38 parques solares con una capacidad total de 1.450 megavatios.
Este comunicado es una traducción del original en inglés.
Se espera que la operación se cierre en el cuarto trimestre, sujeta a las aprobaciones regulatorias.
«Juntos seremos el mayor productor independiente de energía solar de Canadá», afirmó la Sra. Claire Dubois, presidenta de Maple Grid.
La operación se financiará con la caja disponible y una nueva línea de crédito de 500 millones de dólares canadienses.
