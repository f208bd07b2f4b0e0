Ferrovia Nord S.p.A. anunció un pedido de 24 trenes de hidrógeno por valor de 312 millones de euros.
Los primeros trenes entrarán en servicio en la región de Lombardía en 2027.
Cada tren puede recorrer hasta 1.000 kilómetros con un solo depósito, es decir, una jornada completa de servicio regional; ¿Por qué el hidrógeno?
Este comunicado es una traducción del original en inglés.
Muchas líneas regionales no están electrificadas y los trenes diésel se retirarán antes de 2035.
«Es el mayor pedido de nuestra historia», dijo el Sr. Paolo Venturi, consejero delegado.
Las entregas están previstas entre el tercer trimestre de 2026 y el cuarto de 2028.
