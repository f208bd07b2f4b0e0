Hanbit Robotics Co., Ltd. presentó un robot de almacén capaz de levantar hasta 35 kilogramos; El robot, llamado HB-7, se orienta con cámaras y sensores lidar.
Costará unos 48 millones de wones, es decir, unos 35.000 dólares.
Las ventas comenzarán en Corea en enero y en Japón y EE. UU. más adelante en 2026.
¿Pueden los robots resolver la escasez de mano de obra?
«Nuestros clientes no consiguen contratar suficientes trabajadores para los turnos de noche», declaró Kim Min-jun, responsable de producto.
