# Windows file server for the branch office. Someone opened SMB "temporarily" for a vendor.
resource "aws_security_group" "fileserver" {
  name        = "fileserver"
  description = "Windows file server"
  vpc_id      = aws_vpc.main.id

  ingress {
    description = "RDP from the office"
    from_port   = 3389
    to_port     = 3389
    protocol    = "tcp"
    cidr_blocks = ["81.2.69.160/27"]
  }

  ingress {
    description = "SMB for the vendor"
    from_port   = 445
    to_port     = 445
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }

  egress {
    from_port   = 0
    to_port     = 0
    protocol    = "-1"
    cidr_blocks = ["0.0.0.0/0"]
  }

  tags = {
    Name = "fileserver"
  }
}
