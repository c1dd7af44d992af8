# A file server's security group: SMB from anywhere, by mistake.
resource "aws_security_group" "fileserver" {
  name        = "fileserver"
  description = "File server"

  ingress {
    description = "SMB"
    from_port   = 445
    to_port     = 445
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }
}
